// The cloud settings' parts, each self-contained (it saves through the contract's commands itself). Mount them in
// the Cloud section: <CloudPresetPicker/> above the URL field, then <CloudTimeouts/>, <CloudExtrasEditor kind="headers"/>,
// <CloudExtrasEditor kind="query"/>, <CloudReplicasEditor/> and <CloudBudgetFields/>, each given `settings`.
export { CloudPresetPicker } from './CloudPresetPicker';
export { CloudTimeouts } from './CloudTimeouts';
export { CloudExtrasEditor } from './CloudExtrasEditor';
export { CloudReplicasEditor } from './CloudReplicasEditor';
export { CloudBudgetFields } from './CloudBudgetFields';
