// The engine in a Web Worker, exposed with Comlink. The UI thread only sends
// commands and renders what comes back (shared DESIGN.md "Where things run").
import * as Comlink from 'comlink';
import { simApi } from './simApi.ts';

Comlink.expose(simApi);
