/** The part of a cancellation token the service looks at (LSP's and VS Code's both fit). */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}
