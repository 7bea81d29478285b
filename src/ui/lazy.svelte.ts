// A component fetched the first time it is shown: the views, the lessons and presenter mode are
// chunks of their own, so the first screen loads only what it draws (issue 4's first-view budget).
// Once loaded, a component renders at once (no await flicker when switching back to it).
import type { Component } from 'svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = Component<any>;
type Loader = () => Promise<{ default: AnyComponent }>;

export class Lazy {
  #component = $state<AnyComponent | null>(null);
  #error = $state<string | null>(null);
  #loading: Promise<unknown> | null = null;

  constructor(private readonly load: Loader) {}

  /** the component, or null while its chunk is on the way (reading it starts the fetch) */
  get component(): AnyComponent | null {
    void this.start();
    return this.#component;
  }

  /** why the chunk could not be fetched (offline before the service worker cached it) */
  get error(): string | null {
    return this.#error;
  }

  start(): Promise<unknown> {
    this.#loading ??= this.load().then(
      (m) => (this.#component = m.default),
      (e: unknown) => {
        this.#loading = null; // a later look tries again
        this.#error = e instanceof Error ? e.message : String(e);
      },
    );
    return this.#loading;
  }
}

export const lazy = (load: Loader): Lazy => new Lazy(load);
