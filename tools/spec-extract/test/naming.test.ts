import { classNameFromTag, jsParameterName, kebabFromTag, tagFromClassName } from '../src/naming';

describe('tagFromClassName', () => {
  it.each([
    ['UsersApi', 'Users'],
    ['TelephonyProvidersEdgeApi', 'Telephony Providers Edge'],
    ['SCIMApi', 'SCIM'],
    ['AIStudioApi', 'AI Studio'],
    ['AgentUIApi', 'Agent UI'],
    ['OAuthApi', 'OAuth'],
    ['GeneralDataProtectionRegulationApi', 'General Data Protection Regulation'],
  ])('%s -> %s', (className, tag) => {
    expect(tagFromClassName(className)).toBe(tag);
  });

  it('round-trips through classNameFromTag', () => {
    for (const className of ['UsersApi', 'SCIMApi', 'AIStudioApi', 'OAuthApi', 'TelephonyProvidersEdgeApi']) {
      expect(classNameFromTag(tagFromClassName(className))).toBe(className);
    }
    expect(classNameFromTag('Speech & Text Analytics')).toBe('SpeechTextAnalyticsApi');
  });
});

describe('kebabFromTag', () => {
  it.each([
    ['Telephony Providers Edge', 'telephony-providers-edge'],
    ['SCIM', 'scim'],
    ['AI Studio', 'ai-studio'],
    ['Speech & Text Analytics', 'speech-text-analytics'],
  ])('%s -> %s', (tag, kebab) => {
    expect(kebabFromTag(tag)).toBe(kebab);
  });
});

describe('jsParameterName', () => {
  it.each([
    ['pageSize', 'pageSize'],
    ['X-Journey-Session-Id', 'xJourneySessionId'],
    ['supportedContent.id', 'supportedContentId'],
    ['phone_hardwareId', 'phoneHardwareId'],
    ['Accept-Language', 'acceptLanguage'],
    ['delete', '_delete'],
    ['number', '_number'],
    ['date', '_date'],
    ['name', 'name'],
  ])('%s -> %s', (wire, js) => {
    expect(jsParameterName(wire)).toBe(js);
  });
});
