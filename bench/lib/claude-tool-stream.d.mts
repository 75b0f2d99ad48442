/** Types of claude-tool-stream.mjs (the tool-stream bench's stream, also read by tests). */
/** The lines of turn `i` of the stream (2 or 3 lines). */
export declare function turnLines(i: number, cycle?: number): string[];
/** Writes `n` lines of the stream to `stream`. */
export declare function writeStream(n: number, stream: NodeJS.WritableStream): Promise<void>;
