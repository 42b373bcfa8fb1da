import { groupSmallest } from '../../../src/render/group-smallest';

describe('groupSmallest', () => {
  it('groups nothing that fits', () => {
    expect(
      groupSmallest(
        [1, 2, 3],
        3,
        (n) => n,
        () => 0,
      ),
    ).toEqual([1, 2, 3]);
  });
});
