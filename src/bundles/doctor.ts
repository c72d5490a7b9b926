// The doctor's public surface, also the entry of the lazily loaded dist/doctor.js bundle.
export { runDoctor } from '../core/doctor/runDoctor';
export { nodeDeps, type DoctorDeps } from '../core/doctor/deps';
export { renderMarkdown, renderText } from '../core/doctor/renderReport';
export { inputFromEnvironment, inputFromEnvFile, inputFromProfile } from '../core/doctor/doctorInput';
export type { Check, DoctorInput, DoctorReport, Verdict, FixAction } from '../core/doctor/types';
// rmw_zenoh's router target and port check, for the status bar (loaded only for rmw_zenoh profiles: json5 stays out of dist/extension.js).
export { checkZenohRouter, zenohRouterTarget } from '../core/zenoh/routerTarget';
