// Connections in each instance's pg pool unless DATABASE_POOL_MAX says otherwise. Apart from env.ts,
// which is server-only, so the bench's anchors (plain Node scripts) can size their pools the same.
export const DATABASE_POOL_MAX_DEFAULT = 10;
