import { describe, expect, it } from 'vitest';
import { ListenerRegistry } from '../src/events/listener-registry.js';

interface Events {
  changed: number;
  rejected: string;
}

describe('ListenerRegistry', () => {
  it('keeps listeners per event in registration order, a listener added twice counted twice', () => {
    const registry = new ListenerRegistry<Events>();
    const calls: string[] = [];
    const a = (n: number): void => void calls.push(`a${n}`);
    const b = (n: number): void => void calls.push(`b${n}`);
    registry.add('changed', a);
    registry.add('changed', b);
    registry.add('changed', a);
    registry.add('rejected', () => calls.push('r'));
    for (const listener of registry.listeners('changed')) listener(1);
    expect(calls).toEqual(['a1', 'b1', 'a1']);
    registry.remove('changed', a);
    expect(registry.listeners('changed')).toEqual([a, b]);
    expect(registry.listeners('rejected')).toHaveLength(1);
  });

  it('hands out a copy: removing during a delivery affects the next one only', () => {
    const registry = new ListenerRegistry<Events>();
    const calls: string[] = [];
    const second = (): void => void calls.push('second');
    registry.add('changed', () => {
      calls.push('first');
      registry.remove('changed', second);
    });
    registry.add('changed', second);
    for (const listener of registry.listeners('changed')) listener(1);
    for (const listener of registry.listeners('changed')) listener(2);
    expect(calls).toEqual(['first', 'second', 'first']);
  });

  it('ignores removing what was never added, and clears everything', () => {
    const registry = new ListenerRegistry<Events>();
    const a = (): void => undefined;
    registry.remove('changed', a);
    registry.add('changed', a);
    registry.add('rejected', () => undefined);
    registry.clear();
    expect(registry.listeners('changed')).toEqual([]);
    expect(registry.listeners('rejected')).toEqual([]);
  });
});
