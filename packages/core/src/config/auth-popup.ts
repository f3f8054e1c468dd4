/** The reference's authorization-popup settings (used by the browser login flows). */
export interface AuthPopupConfiguration {
  usePopup: boolean;
  popupTimeout: number;
  notifyPopup: boolean;
  autoClosePopup: boolean;
  autoClosePopupDelay: number;
  popupTarget: string;
  popupWindowFeatures: string;
  overridePopupUrl: string | undefined;
  overridePopupUrlParameters: Record<string, string> | undefined;
  overridePopupUrlAuthParameters: boolean;
  useWindowReplace: boolean;
  overrideWindowReplaceUri: string | undefined;
  waitForLoginPromise: boolean;
  usePopupIdentifier: boolean;
}

export function authPopupDefaults(): AuthPopupConfiguration {
  return {
    usePopup: false,
    popupTimeout: 120000,
    notifyPopup: false,
    autoClosePopup: true,
    autoClosePopupDelay: 3000,
    popupTarget: '_blank',
    popupWindowFeatures: 'popup=true,width=800,height=700',
    overridePopupUrl: undefined,
    overridePopupUrlParameters: undefined,
    overridePopupUrlAuthParameters: false,
    useWindowReplace: false,
    overrideWindowReplaceUri: undefined,
    waitForLoginPromise: true,
    usePopupIdentifier: false,
  };
}

/** A copy of `base` with each field of `update` whose type matches the default's (as the reference merges). */
export function mergeAuthPopupConfiguration(
  base: AuthPopupConfiguration,
  update: Partial<AuthPopupConfiguration> | null | undefined,
): AuthPopupConfiguration {
  const merged: AuthPopupConfiguration = { ...base };
  if (!update || typeof update !== 'object') return merged;
  const types: Record<keyof AuthPopupConfiguration, string> = {
    usePopup: 'boolean',
    popupTimeout: 'number',
    notifyPopup: 'boolean',
    autoClosePopup: 'boolean',
    autoClosePopupDelay: 'number',
    popupTarget: 'string',
    popupWindowFeatures: 'string',
    overridePopupUrl: 'string',
    overridePopupUrlParameters: 'object',
    overridePopupUrlAuthParameters: 'boolean',
    useWindowReplace: 'boolean',
    overrideWindowReplaceUri: 'string',
    waitForLoginPromise: 'boolean',
    usePopupIdentifier: 'boolean',
  };
  for (const key of Object.keys(types) as (keyof AuthPopupConfiguration)[]) {
    const value = update[key];
    if (value !== null && value !== undefined && typeof value === types[key]) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}
