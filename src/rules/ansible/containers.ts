/** Container modules (Docker and Podman) and helpers for their arguments. */
export const CONTAINER_MODULES = ['docker_container', 'podman_container', 'docker_swarm_service', 'docker_run'];
export const RUN_COMMAND = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\b/;
