export enum StreamRole {
  Host = 1,
  CoHost = 1,
  Viewer = 2,
}

export const GUEST_ROLE = 1;
