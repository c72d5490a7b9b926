// The doctor's public surface, also the entry of the lazily loaded dist/doctor.js bundle.
export { runDoctor } from './runDoctor';
export { nodeDeps, type DoctorDeps } from './deps';
export { renderMarkdown, renderText } from './renderReport';
export { inputFromEnvironment, inputFromEnvFile, inputFromProfile } from './doctorInput';
export type { Check, DoctorInput, DoctorReport, Verdict, FixAction } from './types';
