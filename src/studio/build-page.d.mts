/** The page's files by name (app.js, worker.js, index.html, style.css, the kernels), built in memory. */
export function buildPage(): Promise<Map<string, Uint8Array>>;
