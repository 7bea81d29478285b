// The key-press overlay of presenter mode: the last keys the teacher pressed and what they did,
// each shown for 2 s, so the class can follow what happened on the screen.
export interface ShownKey {
  id: number;
  key: string;
  label: string;
}

const SHOW_MS = 2000;
const MAX = 3;

class KeyOverlay {
  items = $state<ShownKey[]>([]);
  private next = 1;

  show(key: string, label: string): void {
    const id = this.next++;
    this.items = [...this.items.slice(-(MAX - 1)), { id, key, label }];
    setTimeout(() => (this.items = this.items.filter((k) => k.id !== id)), SHOW_MS);
  }
}

export const keyOverlay = new KeyOverlay();
