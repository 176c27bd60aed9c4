import { createContext } from 'react';
import type { ProcessReader } from '../src/proc/reader.js';

/**
 * The /proc reader the views read through (a process's NSpid, its parent's name), handed in by
 * App: views never read /proc themselves. Undefined outside App: nothing is read then.
 */
export const ReaderContext = createContext<ProcessReader | undefined>(undefined);
