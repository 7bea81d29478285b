// Switching language twice before the first language's messages arrive: the last choice wins
// (the select and the saved setting say the last one; a late chunk must not switch back).
import { expect, it, vi } from 'vitest';

it('a language whose messages arrive late does not replace one chosen after it', async () => {
  vi.resetModules(); // a fresh i18n module: no language fetched yet (test/setup.ts preloads both)
  let release = () => {};
  const slow = new Promise<void>((r) => (release = r));
  vi.doMock('../ui/messages/ko.ts', async () => {
    await slow;
    return { default: { './ko/app.json': { title: '에어플로 스케줄러 시뮬레이터' } } };
  });
  const { i18n } = await import('./i18n.svelte.ts');
  const ko = i18n.use('ko');
  await i18n.use('en');
  expect(i18n.lang).toBe('en');
  release();
  await ko;
  expect(i18n.lang).toBe('en');
  vi.doUnmock('../ui/messages/ko.ts');
});
