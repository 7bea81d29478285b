// Presenter mode's keys. A presentation remote sends PageDown / PageUp (next / previous slide),
// sometimes the arrow keys, and "b" or "." for its blank-screen button; here they drive the
// lesson (next / previous step; before a step's goal is reached, "next" steps the clock) or, in
// the sandbox, the clock (step / step back), and Space, "b" or "." play or pause. Every handled key is shown in the overlay.

/** What the keys need from the app client (SimClient fits). */
export interface PresenterClient {
  clock: string;
  playing: boolean;
  presenter: boolean;
  toggle(): void;
  step(): Promise<void>;
  jumpTo(iso: string): Promise<void>;
  stepBack(ms: number): Promise<void>;
}

/** What they need from the lesson state (LessonState fits); null outside a lesson. */
export interface PresenterLessons {
  loaded: unknown;
  /** the step's goal is reached (Next is allowed) */
  reached: boolean;
  /** the step's prediction is not answered yet: the clock waits for it */
  awaitingAnswer?: boolean;
  next(): Promise<void>;
  previous(): Promise<void>;
}

export type PresenterAction = 'next' | 'previous' | 'step' | 'back' | 'playPause' | 'exit' | 'predictFirst';

const KEYS: Record<string, PresenterAction> = {
  PageDown: 'next',
  ArrowRight: 'next',
  PageUp: 'previous',
  ArrowLeft: 'previous',
  ' ': 'playPause',
  b: 'playPause',
  B: 'playPause',
  '.': 'playPause',
  p: 'exit',
  P: 'exit',
};

/** The key as the overlay shows it. */
export function keyLabel(key: string): string {
  return ({ PageDown: 'Page Down', PageUp: 'Page Up', ArrowRight: '→', ArrowLeft: '←', ' ': 'Space' } as Record<string, string>)[key] ?? key.toUpperCase();
}

/** The clocks before the presenter's steps, so "step back" returns exactly there (not an hour). */
const trail: string[] = [];

/**
 * Handle a key in presenter mode. Returns the action (the caller shows it and prevents the
 * default), or null when the key is not a presenter key (the usual shortcuts then apply).
 */
export function presenterKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>, client: PresenterClient, lessons: PresenterLessons | null): PresenterAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const target = e.target as { closest?: (s: string) => unknown } | null;
  if (target?.closest?.('input, textarea, select, [contenteditable="true"], .cm-editor')) return null;
  if (e.shiftKey && e.key === 'ArrowLeft') return null; // the usual "back one hour"
  const kind = KEYS[e.key];
  if (!kind) return null;
  const inLesson = !!lessons?.loaded;
  switch (kind) {
    case 'next':
      // the class has not answered the prediction: nothing moves (the overlay says why); checked
      // first, since a goal can hold before the answer (a file saved first) and Next waits for it
      if (inLesson && lessons!.awaitingAnswer) return 'predictFirst';
      // in a lesson whose step is not done yet, "next" moves the simulation on instead
      if (inLesson && lessons!.reached) {
        void lessons!.next();
        return 'next';
      }
      // several events can share an instant: the trail keeps each distinct clock once
      if (trail[trail.length - 1] !== client.clock) trail.push(client.clock);
      void client.step();
      return 'step';
    case 'previous': {
      if (inLesson) {
        void lessons!.previous();
        return 'previous';
      }
      // the last trail point behind the clock (a jump elsewhere leaves later points stale)
      while (trail.length && trail[trail.length - 1]! >= client.clock) trail.pop();
      const back = trail.pop();
      if (back) void client.jumpTo(back);
      else {
        trail.length = 0;
        void client.stepBack(3600_000);
      }
      return 'back';
    }
    case 'playPause':
      client.toggle();
      return 'playPause';
    case 'exit':
      client.presenter = false;
      return 'exit';
    default:
      return null;
  }
}
