import { Box } from 'ink';
import type React from 'react';
import { overlayFramed } from '../src/present/lineBudget.js';

/**
 * The box every overlay (help, lesson menu, details) is drawn in: `height` rows, framed while the
 * terminal has rows to spare for the frame (overlayFramed), never taller, whatever is inside.
 */
export function OverlayBox({ height, children }: { height: number; children: React.ReactNode }) {
	return (
		<Box flexDirection="column" height={height} {...(overlayFramed(height) ? { borderStyle: 'round', paddingX: 1 } : {})} overflow="hidden" flexShrink={0}>
			{children}
		</Box>
	);
}
