import { withCoordinatedOmission } from '../../../../bench/support/stats';

describe('withCoordinatedOmission', () => {
  it('adds the requests a slow answer held back, one per expected interval', () => {
    expect(withCoordinatedOmission([5, 350], 100).sort((a, b) => a - b)).toEqual([5, 150, 250, 350]);
  });

  it('adds nothing for answers within the interval (autocannon took 1 ms as the interval at any rate)', () => {
    expect(withCoordinatedOmission([3, 40, 99, 100], 100)).toEqual([3, 40, 99, 100]);
  });
});
