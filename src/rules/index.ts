import noClientInHandler from './no-client-in-handler.js';

export const rules = {
  'no-client-in-handler': noClientInHandler,
};
