import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Routed } from './Routed';
import { NoTransport } from './components/NoTransport';
import { ApiContext, chooseApi, loadInitialState } from './api';
import { useView } from './store';

const root = createRoot(document.getElementById('root')!);
const choice = chooseApi();

if (choice.kind === 'none') {
  root.render(<NoTransport refused={choice.refused} />);
} else {
  const api = choice.api;
  const view = useView.getState();
  api.onEvent((event) => useView.getState().apply(event));
  if (choice.kind === 'ws') {
    // Reload the whole picture after every (re)connect: events sent while away are gone.
    choice.api.onConnection((state) => {
      useView.getState().setConnection(state);
      if (state === 'open') void loadInitialState(api);
    });
    view.setConnection(choice.api.state);
    if (choice.api.state === 'open') void loadInitialState(api);
  } else {
    view.setConnection('ipc');
    void loadInitialState(api);
  }
  root.render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        <Routed />
      </ApiContext.Provider>
    </StrictMode>,
  );
}
