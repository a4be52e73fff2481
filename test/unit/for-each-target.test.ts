/**
 * forEachTarget (issue 13 §4): at most `concurrency` targets at work at once, every target run
 * even when some fail, outcomes in the targets' order.
 */
import { forEachTarget } from '../../src/runtime/for-each-target';

describe('forEachTarget', () => {
  test('never more than `concurrency` at once; a failure stops only its own target', async () => {
    const targets = Array.from({ length: 7 }, (_, i) => ({ name: `t${i}` }));
    let running = 0;
    let most = 0;
    const started: string[] = [];
    const outcomes = await forEachTarget(targets, 3, async (target) => {
      started.push(target.name);
      running++;
      most = Math.max(most, running);
      // Let the others start if they may, before this one ends.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      running--;
      if (target.name === 't2') throw new Error('t2 broke');
      return target.name.toUpperCase();
    });
    expect(most).toBe(3);
    expect(started).toEqual(targets.map((t) => t.name));
    expect(outcomes.map((o) => [o.target.name, o.ok, o.value ?? String(o.error)])).toEqual([
      ['t0', true, 'T0'],
      ['t1', true, 'T1'],
      ['t2', false, 'Error: t2 broke'],
      ['t3', true, 'T3'],
      ['t4', true, 'T4'],
      ['t5', true, 'T5'],
      ['t6', true, 'T6'],
    ]);
  });

  test('concurrency 1 runs them one after another', async () => {
    const order: string[] = [];
    await forEachTarget([{ name: 'a' }, { name: 'b' }, { name: 'c' }], 1, async (target) => {
      order.push(`start ${target.name}`);
      await Promise.resolve();
      order.push(`end ${target.name}`);
    });
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
