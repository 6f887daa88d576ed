/** Preloaded (`node --import`) into a measured process: its peak resident memory, on stderr at exit. */
process.on("exit", () => process.stderr.write(`\nmax-rss-kib=${process.resourceUsage().maxRSS}\n`));
