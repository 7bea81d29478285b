// Svelte action: make an element as tall as the scrolling <main> leaves room for, keeping what
// follows it in its section (help text, legend) visible. Re-measured when anything resizes.
export function fillHeight(el: HTMLElement, min = 240) {
  const host = (el.closest('main') as HTMLElement | null) ?? document.documentElement;
  const section = el.parentElement!;
  let raf = 0;
  const measure = () => {
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(() => {
      const hostBottom = host === document.documentElement ? window.innerHeight : host.getBoundingClientRect().bottom;
      const top = el.getBoundingClientRect().top + (host === document.documentElement ? 0 : 0);
      const below = section.getBoundingClientRect().bottom - el.getBoundingClientRect().bottom;
      const h = Math.floor(hostBottom - top - below - 2 + host.scrollTop);
      el.style.height = `${Math.max(min, h)}px`;
    });
  };
  const ro = new ResizeObserver(measure);
  ro.observe(host);
  ro.observe(section);
  window.addEventListener('resize', measure);
  measure();
  return {
    destroy() {
      cancelAnimationFrame(raf);
      ro.disconnect();
      window.removeEventListener('resize', measure);
    },
  };
}
