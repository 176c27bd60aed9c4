import { screenText, sendInput, ENTER, ESCAPE, highlightedLines } from '../helpers/inkTesting.js';
import { test } from 'node:test';
import { renderApp } from '../helpers/appHarness.js';
import { fixtureState } from '../helpers/fixtureState.js';
test('scratch', async () => {
	const app = await renderApp(fixtureState());
	console.log(screenText(app.rendered));
	console.log(JSON.stringify(app.rendered.lastFrame()?.split('\n')[1]));
	await sendInput(app.rendered, '?');
	console.log(screenText(app.rendered));
	await sendInput(app.rendered, ESCAPE);
	await sendInput(app.rendered, ENTER);
	console.log(screenText(app.rendered));
	await sendInput(app.rendered, ESCAPE);
	await sendInput(app.rendered, '/');
	await sendInput(app.rendered, 'd');
	console.log(screenText(app.rendered), highlightedLines(app.rendered));
	app.rendered.unmount();
});
