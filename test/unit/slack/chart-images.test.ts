import { chartSourcesToTry } from '../../../src/adapters/slack/chart-images';

describe('chartSourcesToTry', () => {
  it('tries QuickChart first only when it is on and Slack can reach it', () => {
    expect(chartSourcesToTry('https://quickchart.io')).toEqual(['quickchart', 'upload', 'none']);
    expect(chartSourcesToTry('https://quickchart.io', true)).toEqual(['quickchart', 'upload', 'none']);
    expect(chartSourcesToTry('https://charts.internal.example', false)).toEqual(['upload', 'none']);
    expect(chartSourcesToTry('off')).toEqual(['upload', 'none']);
    expect(chartSourcesToTry(' OFF ', true)).toEqual(['upload', 'none']);
  });
});
