export enum StreamRole {
  Host = 101,
  CoHost = 0,
  Viewer = 2,
}

export const GUEST_ROLE = 0;
