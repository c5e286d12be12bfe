/** What a test page leaves on `window` for the browser test to read back. */
export interface PageReport {
  userAgent: string;
  /** True when the page saw Node's `process` global (it must not). */
  sawNodeGlobals: boolean;
  backends: string[];
  /** Every section the page ran, each with its own numbers; the test asserts on them. */
  sections: Record<string, unknown>;
}

export interface PageState {
  done: boolean;
  report?: PageReport;
  /** Set when the page threw: message and stack. */
  error?: string;
}

declare global {
  interface Window {
    __recur: PageState;
  }
}
