import type { ContainerAction } from '../model/container.js';

/** Keys that act on the selected container. */
export const CONTAINER_KEYS: Readonly<Record<string, ContainerAction>> = {
	s: 'start',
	x: 'stop',
	k: 'kill',
	R: 'restart',
	p: 'pause',
	d: 'remove',
};
