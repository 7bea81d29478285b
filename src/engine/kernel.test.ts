import { describe, expect, it } from 'vitest';
import { EventQueue, Rng } from './kernel.ts';

describe('EventQueue', () => {
  it('pops by time, then by insertion order at equal times', () => {
    const q = new EventQueue();
    q.push(30, 'c');
    q.push(10, 'a1');
    q.push(20, 'b');
    q.push(10, 'a2');
    q.push(10, 'a3');
    const order: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) order.push(e.type);
    expect(order).toEqual(['a1', 'a2', 'a3', 'b', 'c']);
  });

  it('stays ordered under many random pushes', () => {
    const q = new EventQueue();
    const rng = new Rng(7);
    for (let i = 0; i < 5000; i++) q.push(Math.floor(rng.next() * 100), 'x');
    let last = -1;
    let lastSeq = -1;
    for (let e = q.pop(); e; e = q.pop()) {
      expect(e.at > last || (e.at === last && e.seq > lastSeq)).toBe(true);
      last = e.at;
      lastSeq = e.seq;
    }
  });
});

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Rng(1), b = new Rng(1), c = new Rng(2);
    const sa = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(sa);
    expect([c.next(), c.next(), c.next()]).not.toEqual(sa);
  });
});
