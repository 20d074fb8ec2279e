/** The API's password policy (NIST 800-63B style: length, not composition rules). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
