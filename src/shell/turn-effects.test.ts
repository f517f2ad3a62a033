import { describe, expect, it } from 'vitest';
import { newTurnState, type TurnResult } from '../core/program';
import { effectsOf } from './turn-effects';

const result = (events: TurnResult['events']): TurnResult => ({
  state: newTurnState(0),
  replies: [],
  events,
  erased: false,
});

describe('effectsOf', () => {
  it('moves a counter the engine counted in the turn commit', () => {
    const counter = 'course:shipping:lesson:rural_network:opened';
    expect(effectsOf(result([{ type: 'counted', counter, by: 1 }]), 'telegram:1')).toEqual([
      { kind: 'count', counter: 'turns' },
      { kind: 'count', counter, by: 1 },
    ]);
  });
});
