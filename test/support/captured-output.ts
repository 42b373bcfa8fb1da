/** What the code under test writes to stdout and stderr, captured afresh before each test of the suite. */
export interface CapturedOutput {
  stdout: string;
  stderr: string;
}

export function captureOutput(): CapturedOutput {
  const output: CapturedOutput = { stdout: '', stderr: '' };
  beforeEach(() => {
    output.stdout = '';
    output.stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output.stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((output.stderr += String(chunk)), true));
  });
  afterEach(() => jest.restoreAllMocks());
  return output;
}
