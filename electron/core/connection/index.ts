/** Demo or live: the mode switch, the runblob client for the mode, the demo simulator, app.info. */
export { createConnection, type Connection, type ConnectionDeps } from './connection'
