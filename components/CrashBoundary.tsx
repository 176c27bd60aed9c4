import { Component, type ReactNode } from 'react';

/**
 * Catches an error thrown while rendering any component below it and hands it to `onCrash`,
 * which ends the session cleanly (see interactive.ts). Without it Ink draws its own error
 * overview, with a stack trace, on the alternate screen. Draws nothing once it has caught.
 */
export class CrashBoundary extends Component<{ onCrash: (error: unknown) => void; children?: ReactNode }, { crashed: boolean }> {
	override state = { crashed: false };

	static getDerivedStateFromError(): { crashed: boolean } {
		return { crashed: true };
	}

	override componentDidCatch(error: unknown): void {
		this.props.onCrash(error);
	}

	override render(): ReactNode {
		return this.state.crashed ? null : this.props.children;
	}
}
