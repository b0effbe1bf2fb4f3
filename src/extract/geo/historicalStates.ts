/**
 * Historical states → their main modern successor (ISO 3166-1 alpha-2).
 * The last resort of `deriveCountries`: used only when neither coordinates
 * nor a modern country named in the place text give anything, and marked
 * `historical-state`. A state whose land is now split between countries
 * gets the one holding its core or capital. States too spread out to name
 * one successor (Roman Empire, Mongol Empire, British Empire, Yugoslavia,
 * Czechoslovakia) are left out on purpose.
 *
 * A modern country's name after a state word (`Kingdom of France`,
 * `Empire of Japan`, `Duchy of Luxembourg`) is read as that country, also
 * marked historical, and needs no row here.
 */
export const HISTORICAL_STATES = {
  // Russia
  'Soviet Union': 'RU',
  USSR: 'RU',
  'Russian SFSR': 'RU',
  'Russian Soviet Federative Socialist Republic': 'RU',
  'Russian Empire': 'RU',
  // Turkey
  'Ottoman Empire': 'TR',
  'Byzantine Empire': 'TR',
  'Eastern Roman Empire': 'TR',
  'Asia Minor': 'TR', // a region, not a state, but wholly in Turkey; and not the continent
  // Germany
  'Holy Roman Empire': 'DE',
  'Kingdom of Prussia': 'DE',
  Prussia: 'DE',
  'German Empire': 'DE',
  'Nazi Germany': 'DE',
  'Weimar Republic': 'DE',
  'East Germany': 'DE',
  'West Germany': 'DE',
  // Austria, Italy, France, Spain
  'Austrian Empire': 'AT',
  'Austria-Hungary': 'AT',
  'Habsburg Monarchy': 'AT',
  'Roman Republic': 'IT',
  'Papal States': 'IT',
  'Republic of Venice': 'IT',
  'Kingdom of the Two Sicilies': 'IT',
  'Kingdom of Sardinia': 'IT',
  'First French Empire': 'FR',
  'Second French Empire': 'FR',
  'French Third Republic': 'FR',
  'Vichy France': 'FR',
  'Crown of Castile': 'ES',
  'Kingdom of Castile': 'ES',
  'Crown of Aragon': 'ES',
  // Low Countries
  'Dutch Republic': 'NL',
  'United Kingdom of the Netherlands': 'NL',
  'Spanish Netherlands': 'BE',
  'Austrian Netherlands': 'BE',
  // elsewhere
  'Polish–Lithuanian Commonwealth': 'PL',
  'Confederate States of America': 'US',
  'Confederate States': 'US',
  'New France': 'CA',
  'Egypt Eyalet': 'EG',
  'Ethiopian Empire': 'ET',
  Persia: 'IR',
  'Achaemenid Empire': 'IR',
  'Sasanian Empire': 'IR',
  'Mughal Empire': 'IN',
  'British Raj': 'IN',
  'Qing dynasty': 'CN',
  'Ming dynasty': 'CN',
  Siam: 'TH',
  Ceylon: 'LK',
  Rhodesia: 'ZW',
  Zaire: 'CD',
} as const satisfies Record<string, string>
