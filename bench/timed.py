#!/usr/bin/env python3
"""Runs a command and records what it cost, as `/usr/bin/time -f '%e %U %S %M' -o FILE` does, but
to the microsecond instead of the hundredth of a second (a 1,000-page extraction takes 0.07 s, so
hundredths would move a ratio by 15%).

    bench/timed.py -o FILE -- COMMAND [ARG...]

FILE gets one line: wall seconds, user seconds, system seconds, peak resident set size in KB. The
command inherits standard input, output and error; the exit status is the command's (128 + the
signal when a signal ended it).

The command runs under /usr/bin/time, which records its peak RSS: a child of this Python process
would be charged the parent's memory, shared until its exec (about 13 MB, as much as l10n uses).
Wall and CPU time are this script's measure of the two together; /usr/bin/time adds under a
millisecond.
"""
import os
import sys
import time


def main(argv):
    if len(argv) < 4 or argv[0] != "-o" or argv[2] != "--":
        sys.stderr.write("usage: timed.py -o FILE -- COMMAND [ARG...]\n")
        return 2
    out, command = argv[1], argv[3:]
    rss_file = out + ".rss"
    if not os.access("/usr/bin/time", os.X_OK):
        sys.stderr.write("timed.py: /usr/bin/time is missing (apt-get install time)\n")
        return 127
    start = time.perf_counter()
    pid = os.posix_spawn("/usr/bin/time", ["/usr/bin/time", "-f", "%M", "-o", rss_file] + command,
                         os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    try:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
        os.unlink(rss_file)
    except (OSError, ValueError, IndexError):
        rss = 0
    with open(out, "w") as f:
        f.write("%.6f %.6f %.6f %d\n" % (wall, usage.ru_utime, usage.ru_stime, rss))
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
