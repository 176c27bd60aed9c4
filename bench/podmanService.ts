import http from 'node:http';
import path from 'node:path';
import { execa } from 'execa';
import type { PodmanSandbox } from '../test/helpers/podmanSandbox.js';
import { sleep } from './clock.js';

/**
 * `podman system service` on a socket inside the sandbox, for setup in bulk: one
 * `podman create` process costs ~0.1-0.3 s of CPU on this machine (Go start-up, opening
 * the store), the same create through the service's REST API (the endpoint `podman
 * --remote create` uses) ~25 ms. Only used to make containers that are never started
 * and to remove them; everything measured still goes through the podman CLI.
 */

/** Any single API call may take this long. */
const REQUEST_TIMEOUT_MS = 60_000;
/** The service must answer its first ping within this. */
const START_TIMEOUT_MS = 30_000;
/** The libpod API version podman 4.x and 5.x both serve. */
const API = '/v4.0.0/libpod';

interface Answer {
	status: number;
	body: string;
}

function spawnService(sandbox: PodmanSandbox, socket: string) {
	return execa('podman', ['system', 'service', '--time', '0', `unix://${socket}`], {
		env: sandbox.env,
		stdin: 'ignore',
		reject: false,
		// A safety net only: stop() ends it long before.
		timeout: 30 * 60_000,
		forceKillAfterDelay: 2_000,
		cleanup: true,
	});
}

type ServiceProcess = ReturnType<typeof spawnService>;

/** A running `podman system service` for one sandbox. */
export class PodmanService {
	private constructor(
		private readonly socket: string,
		private readonly child: ServiceProcess,
	) {}

	/** Starts the service on `<sandbox>/bench-api.sock` and waits until it answers. */
	static async start(sandbox: PodmanSandbox): Promise<PodmanService> {
		const socket = path.join(sandbox.dir, 'bench-api.sock');
		const child = spawnService(sandbox, socket);
		const service = new PodmanService(socket, child);
		const deadline = Date.now() + START_TIMEOUT_MS;
		for (;;) {
			const ping = await service.request('GET', '/_ping').catch(() => undefined);
			if (ping?.status === 200) return service;
			if (Date.now() > deadline || child.exitCode !== null) {
				await service.stop();
				throw new Error(`podman system service did not answer on ${socket} within ${START_TIMEOUT_MS} ms`);
			}
			await sleep(100);
		}
	}

	/** Creates a container (never started); returns its ID. */
	async create(image: string, command: readonly string[]): Promise<string> {
		const answer = await this.request('POST', '/containers/create', { image, command });
		const id = answer.status === 201 ? (JSON.parse(answer.body) as { Id?: unknown }).Id : undefined;
		if (typeof id !== 'string') throw new Error(`podman API create: ${answer.status} ${answer.body.slice(0, 300)}`);
		return id;
	}

	/** Removes a container (forcibly, with no stop timeout). */
	async remove(id: string): Promise<void> {
		const answer = await this.request('DELETE', `/containers/${id}?force=true&timeout=0`);
		if (answer.status !== 200 && answer.status !== 204) throw new Error(`podman API rm ${id}: ${answer.status} ${answer.body.slice(0, 300)}`);
	}

	/** Ends the service and waits for it. */
	async stop(): Promise<void> {
		this.child.kill('SIGTERM');
		await this.child;
	}

	private request(method: string, endpoint: string, body?: unknown): Promise<Answer> {
		return new Promise<Answer>((resolve, reject) => {
			const request = http.request(
				{ socketPath: this.socket, path: `${API}${endpoint}`, method, headers: { 'content-type': 'application/json' }, timeout: REQUEST_TIMEOUT_MS },
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => {
						text += chunk;
					});
					response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
					response.on('error', reject);
				},
			);
			request.on('timeout', () => request.destroy(new Error(`podman API ${method} ${endpoint}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
			request.on('error', reject);
			if (body !== undefined) request.write(JSON.stringify(body));
			request.end();
		});
	}
}
