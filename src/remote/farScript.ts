// The program the far side runs, over one ssh session for the whole run. The far host may have
// no Node (a podman machine, a bare server): only a POSIX sh, and od (coreutils or busybox).
// The script is a constant: nothing from outside is ever spliced into it. Requests arrive on its
// stdin as data lines, read with `read -r` and used only in quoted expansions and quoted case
// patterns, so no name, path or command line of a far process is ever run as code.
//
// Protocol (one request, one answer; records are lines, tagged by their first letter):
//   request:  `scan`, then the keys `PID@START@COMM` whose cmdline conmon-tui already holds, one
//             a line, then `.`; then the PIDs whose details a view asks for (digits only, any
//             other line is ignored), one a line, then `.`
//   answer:   `H UID PID`             once, when the session starts: the far user's UID, and the
//                                     PID of this script's shell (it stands for the far host's
//                                     own namespaces, as conmon-tui's own PID does here)
//             `B UPTIME`              /proc/uptime's first field, to place start times
//             `S STATLINE`            /proc/PID/stat of every user-space process (kernel threads,
//                                     PF_KTHREAD in stat's flags, are left out: not by "PID 2 and
//                                     its children", since in a PID namespace PID 2 is anyone)
//             `C PID` + od lines      /proc/PID/cmdline as hex bytes (od -An -v -tx1), for a
//                                     process not in the request's keys (new, or it exec'd)
//             `T PID STATUSLINE`      the Uid:, NSpid:, SigIgn: and SigCgt: lines of /proc/PID/status,
//                                     with C: so the signal masks are as at the process's first
//                                     sight, or its last exec (a new name makes a new key)
//             `M PID MAPLINE`         /proc/PID/uid_map, with C
//             `R PID` + od lines      /proc/PID/stat as hex, when the name holds a newline
//             `G PID CGROUPLINE`      /proc/PID/cgroup, line by line, for each PID asked
//             `L LSLINE`              `ls -l` of the /proc/PID/ns/* links of the PIDs asked (one
//                                     ls for all: the link targets are not readable by the shell)
//             `N`                     /proc cannot be read at all
//             `E`                     end of the answer
// Why od, not NUL-framing or base64: cmdline is NUL-separated and a process may write any byte
// into it (a newline, our own record letters); hex is only [0-9a-f ] and so can never forge a
// record, POSIX od prints it on every system that has sh (base64 is not POSIX; busybox builds
// may lack it). od runs once per new process only: the stat lines of known ones are read by the
// shell's own `read`, with no process started per scan; ls runs once a scan while a view asks
// for details. Every line the script passes on is behind a record letter it wrote itself.

/** The far-side script, run by `sh -c`. Holds no single quote, so it can be sent in one. */
export const FAR_SCRIPT = `
export LC_ALL=C
nl="
"
id=$(id -u 2>/dev/null) || id=
printf "H %s %s\\n" "$id" "$$"
full() {
	printf "C %s\\n" "$1"
	od -An -v -tx1 "$2/cmdline" 2>/dev/null
	{ while IFS= read -r s; do case $s in Uid:*|NSpid:*|SigIgn:*|SigCgt:*) printf "T %s %s\\n" "$1" "$s";; esac; done < "$2/status"; } 2>/dev/null
	{ while IFS= read -r s; do printf "M %s %s\\n" "$1" "$s"; done < "$2/uid_map"; } 2>/dev/null
}
details() {
	n=$#
	for p do
		{ while IFS= read -r s; do printf "G %s %s\\n" "$p" "$s"; done < "/proc/$p/cgroup"; } 2>/dev/null
		set -- "$@" /proc/"$p"/ns/*
	done
	shift "$n"
	[ $# = 0 ] || ls -l "$@" 2>/dev/null | while IFS= read -r s; do printf "L %s\\n" "$s"; done
}
scan() {
	known=$nl
	while IFS= read -r k; do
		[ "$k" = . ] && break
		known=$known$k$nl
	done
	asked=
	while IFS= read -r k; do
		[ "$k" = . ] && break
		case $k in ""|*[!0-9]*) ;; *) asked="$asked $k" ;; esac
	done
	if ! { read -r up rest < /proc/uptime; } 2>/dev/null; then
		printf "N\\nE\\n"
		return
	fi
	printf "B %s\\n" "$up"
	for d in /proc/[0-9]*; do
		p=\${d#/proc/}
		{ IFS= read -r line < "$d/stat"; } 2>/dev/null || continue
		rest=\${line##*) }
		set -f
		IFS=" "
		set -- $rest
		unset IFS
		set +f
		if [ $# -lt 20 ]; then
			printf "R %s\\n" "$p"
			od -An -v -tx1 "$d/stat" 2>/dev/null
			full "$p" "$d"
			continue
		fi
		[ $(($7 & 2097152)) = 0 ] || continue
		printf "S %s\\n" "$line"
		comm=\${line#*(}
		comm=\${comm%)*}
		case $known in
		*"$nl$p@\${20}@$comm$nl"*) ;;
		*) full "$p" "$d" ;;
		esac
	done
	details $asked
	printf "E\\n"
}
while IFS= read -r request; do
	case $request in
	scan) scan ;;
	*) printf "E\\n" ;;
	esac
done
`;
