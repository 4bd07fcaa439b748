// Preloaded with `node --import` by measure-memory.sh: prints the process's own peak resident memory
// (not its ffmpeg's) when it exits, so that growth in zsweep itself is not hidden by a child's.
process.on('exit', () => {
  process.stderr.write(`max-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
