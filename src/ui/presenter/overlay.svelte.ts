// The key-press overlay of presenter mode: the last keys the teacher pressed and what they did,
// each shown for 2 s, so the class can follow what happened on the screen.
export interface ShownKey {
  id: number;
  key: string;
  label: string;
  /** the same key pressed again while shown: one line "×n", not a stack of copies */
  times: number;
}

const SHOW_MS = 2000;
const MAX = 3;

class KeyOverlay {
  items = $state<ShownKey[]>([]);
  private next = 1;
  private timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(key: string, label: string): void {
    const last = this.items[this.items.length - 1];
    const same = last && last.key === key && last.label === label;
    if (same) clearTimeout(this.timers.get(last.id));
    const item = same ? { ...last, id: this.next++, times: last.times + 1 } : { id: this.next++, key, label, times: 1 };
    this.items = [...this.items.slice(same ? -MAX : -(MAX - 1), same ? -1 : undefined), item];
    this.timers.set(
      item.id,
      setTimeout(() => {
        this.items = this.items.filter((k) => k.id !== item.id);
        this.timers.delete(item.id);
      }, SHOW_MS),
    );
  }
}

export const keyOverlay = new KeyOverlay();
