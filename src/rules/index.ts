import noClientInHandler from './no-client-in-handler.js';
import noClientInLoop from './no-client-in-loop.js';
import requireKeepAlive from './require-keep-alive.js';

export const rules = {
  'no-client-in-handler': noClientInHandler,
  'no-client-in-loop': noClientInLoop,
  'require-keep-alive': requireKeepAlive,
};
