// The pod lesson. Seen here (podman 4.3.1, PODMAN-NOTES §7): `pod create` leaves the infra container Created; `run --pod`
// starts it first; its process is /catatonit -P under its own conmon; `podman rm` of an infra fails with "is the infra
// container of pod … and cannot be removed without removing the pod" (libpod/runtime_ctr.go, removeContainer).

/** The pod lesson: what each step explains, what it expects, and how its verdict reads. */
export const lessonPodEn = {
	'lesson.pod.title': 'Pod: a conmon per container, the infra too',
	'lesson.pod.summary':
		"a pod's infra container holds the shared namespaces under a conmon of its own; each member has its own; pod stop ends them all, pod start brings new ones",
	'lesson.pod.create.title': 'Create a pod',
	'lesson.pod.create.explain':
		"podman pod create makes the pod and its infra container, whose only job is to hold the namespaces the pod's containers share. The infra is only created: nothing runs yet, so there is no conmon.",
	'lesson.pod.create.expect': "the pod's infra container, created, with no conmon",
	'lesson.pod.seen.noPod': 'podman lists no pod of this lesson yet',
	'lesson.pod.create.met': 'pod {pod} made; its infra container {infra} is {state}, with no conmon yet',
	'lesson.pod.run.title': 'Run a container in the pod',
	'lesson.pod.run.explain':
		"podman run --pod starts the infra container first, with a conmon of its own whose child, /catatonit -P, does nothing but hold the pod's namespaces. Then the container starts, with its own conmon: two containers, two conmons.",
	'lesson.pod.run.expect': "the infra's conmon with /catatonit -P below it, and the container's own conmon",
	'lesson.pod.seen.noInfra': "the infra container's conmon and its /catatonit -P are not seen yet",
	'lesson.pod.run.met': 'infra {infra}: conmon {infraConmon} → {infraChild}; the container: conmon {conmon} → {child}',
	'lesson.pod.stop.title': 'Stop the pod',
	'lesson.pod.stop.explain':
		'podman pod stop stops every container of the pod, the infra too. -t {seconds}: SIGTERM does not end sleep, PID 1 with no handler for it, so podman sends SIGKILL after {seconds} s rather than the default 10. Each conmon exits after its container.',
	'lesson.pod.stop.expect': 'every conmon of the pod exits',
	'lesson.pod.seen.noConmons': 'no conmon of the pod ran when podman pod stop did',
	'lesson.pod.seen.conmonsRun': 'conmon {pids} still running',
	'lesson.pod.stop.met': 'podman pod stop stopped {count} containers; conmon {pids} exited with them',
	'lesson.pod.start.title': 'Start the pod again',
	'lesson.pod.start.explain':
		'podman pod start starts every container of the pod again, the infra first, and each one gets a brand-new conmon. Compare the PIDs with those before.',
	'lesson.pod.start.expect': 'a new conmon for every container of the pod',
	'lesson.pod.seen.newConmons': '{count} of {total} containers have a new conmon',
	'lesson.pod.start.met': '{count} new conmons: {pids} (before: {before})',
	'lesson.pod.cleanup.title': 'Clean up',
	'lesson.pod.cleanup.explain':
		'podman pod rm -f removes the pod with all its containers. podman rm alone refuses the infra container: it cannot be removed without its pod.',
	'lesson.pod.cleanup.expect': "the pod's containers gone from podman's list",
	'lesson.pod.cleanup.met': 'pod {pod} removed with its containers; conmon {pids} gone with them',
} as const;
