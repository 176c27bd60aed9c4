/**
 * The time a tree is built at, and when its rows next change with the time. The rows depend on
 * the time only through deadlines — a change mark comes off, a replaced conmon's row goes, a
 * removed container's row ends, a grace period runs out — never through a running age (the rows
 * hold times; their looks turn them into ages). Every such decision asks `before(deadline)`, and
 * the clock keeps the earliest deadline still to come: until then, the same input builds the same
 * rows, so an age tick (every second while something is young) need not build them again.
 */
export class TreeClock {
	private next = Number.POSITIVE_INFINITY;

	/** Private: a decision that compared with the time itself would hold rows past its deadline. */
	constructor(private readonly now: number) {}

	/**
	 * Whether `deadline` is still to come. When it is, the rows change when it comes: it is kept if it
	 * is the earliest. A deadline that is not a number (a time that could not be read) has come, as
	 * `now - at < ms` said of it before.
	 */
	before(deadline: number): boolean {
		if (!(this.now < deadline)) return false;
		if (deadline < this.next) this.next = deadline;
		return true;
	}

	/** The earliest deadline a decision asked about that is still to come; Infinity when none. */
	get changesAt(): number {
		return this.next;
	}
}
