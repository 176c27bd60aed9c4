/**
 * Turns colours on for component tests, so that what only shows as a colour or as inverse
 * video (the selected row) is visible in a frame. chalk reads FORCE_COLOR once, when it is
 * first imported: this module must be evaluated before anything that loads ink, which is
 * why test/helpers/inkTesting.ts imports it first and test files import inkTesting.ts first.
 */
process.env['FORCE_COLOR'] = '1';
