import type { Infobox } from '../../parse/article.js'

/** What an infobox describes, inferred from its field names (the data does not say). */
export type InfoboxKind =
  'military conflict' | 'person' | 'settlement' | 'country' | 'organization' | 'building' | 'film' | 'other'

interface Signals {
  /** Fields found (almost) only in this kind of infobox: two points each. */
  readonly strong: readonly RegExp[]
  /** Fields common in this kind but also seen elsewhere: one point each. */
  readonly weak: readonly RegExp[]
}

/** Field-name signals per kind, in tie-break order. Names are matched lower-cased, spaces as `_`. */
const signals = {
  'military conflict': {
    strong: [
      /^conflict$/,
      /^combatants?_?\d+[a-z]?$/,
      /^commanders?_?\d+[a-z]?$/,
      /^casualties_?\d+[a-z]?$/,
      /^strength_?\d+[a-z]?$/,
      /^units_?\d+[a-z]?$/,
    ],
    weak: [/^partof$/, /^territory$/, /^result$/, /^battles$/, /^campaignbox$/],
  },
  person: {
    strong: [
      /^(?:birth|death)_(?:date|place|name)$/,
      /^spouses?$/,
      /^occupation$/,
      /^alma_mater$/,
      /^(?:clubs|caps|goals|nationalteam|nationalcaps)\d+$/,
      /^currentclub$/,
      /^draft(?:year|round|pick)$/,
      /^(?:bats|throws|debutdate|finalteam)$/,
      /^term_?(?:start|end)\d*$/,
      /^(?:known_for|notable_?works|main_interests|school_tradition|death_cause|resting_place)$/,
    ],
    weak: [
      /^(?:nationality|children|parents|relatives|partner|years_active|height|height_(?:ft|in|m|cm)|weight_lbs?|position|college|high_school|office\d*|predecessor\d*|successor\d*|party|education|residence|fields|influences|influenced|awards|signature|honorific_prefix|other_names|alias|era|religion)$/,
    ],
  },
  settlement: {
    strong: [
      /^settlement_type$/,
      /^subdivision_(?:type|name)\d*$/,
      /^population_(?:total|as_of|density_km2|urban|metro)$/,
      /^area_(?:total|land|water)_(?:km2|sq_mi)$/,
      /^(?:post_town|postcode_district|postcode_area|civil_parish|os_grid_reference|lieutenancy_england|unitary_england|constituency_westminster|dial_code)$/,
      /^(?:numcomm|cancode|chief_town)$/,
    ],
    weak: [
      /^(?:official_name|timezone|utc_offset|postal_code|area_code|elevation_(?:m|ft)|population|pop|coordinates_region|leader_title\d*|leader_name\d*|established_title\d*|dept|arr|reg)$/,
    ],
  },
  country: {
    strong: [
      /^(?:capital|national_anthem|common_name|largest_city|demonym|sovereignty_type|calling_code|cctld|currency|gdp_ppp|gdp_nominal|hdi|official_languages|conventional_long_name|ethnic_groups|established_event\d+)$/,
    ],
    weak: [
      /^(?:languages|languages_type|religion_year|government_type|legislature|upper_house|lower_house|image_coat|national_motto|drives_on|time_zone)$/,
    ],
  },
  organization: {
    strong: [
      /^(?:industry|traded_as|key_people|num_employees|revenue|net_income|hq_location(?:_city|_country)?|area_served|products|brands|subsidiaries|clubname|chairman|league|current_members|past_members|orgcountry|headcoach|circulation|issn|oclc|house_type|seats|political_groups\d*|meeting_place|voting_system\d*|leader\d+_type)$/,
    ],
    weak: [
      /^(?:founder|founded|foundation|headquarters|ground|manager|owners?|sponsor|publisher|editor|political|members|parent|nickname)$/,
    ],
  },
  building: {
    strong: [
      /^(?:floor_count|building_type|architectural_style|groundbreaking_date|completion_date|elevator_count|floor_area|structural_engineer|main_contractor|top_floor|antenna_spire|highest_(?:start|end|prev|next)|architect)$/,
    ],
    weak: [
      /^(?:opened|roof|address|former_names|location|capacity|established|start_date|developer|cost|nrhp_type|refnum|designated_nrhp_type|governing_body)$/,
    ],
  },
  film: {
    strong: [/^(?:director|screenplay|starring|cinematography|editing|distributor|runtime|gross|based_on)$/],
    weak: [/^(?:producer|music|studio|budget|language|country)$/],
  },
} as const satisfies Record<Exclude<InfoboxKind, 'other'>, Signals>

/**
 * Infer what an infobox describes from its field names: `combatant1`,
 * `commander1`, `casualties1` or `conflict` make a military conflict;
 * `birth_date`, `spouse`, `occupation` a person; `settlement_type`,
 * `population_total`, `subdivision_name` a settlement; and so on. Each kind
 * scores two points per distinctive field and one per common one; the best
 * score of at least two wins, else `'other'`.
 */
export function inferInfoboxKind(infobox: Infobox): InfoboxKind {
  const names = Object.keys(infobox).map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  )
  let best: InfoboxKind = 'other'
  let bestScore = 1
  for (const [kind, { strong, weak }] of Object.entries(signals) as [Exclude<InfoboxKind, 'other'>, Signals][]) {
    const score = names.reduce(
      (sum, name) => sum + (strong.some((re) => re.test(name)) ? 2 : weak.some((re) => re.test(name)) ? 1 : 0),
      0,
    )
    if (score > bestScore) {
      best = kind
      bestScore = score
    }
  }
  return best
}

/** The first infobox that describes a military conflict, if any. */
export function findConflictInfobox(infoboxes: readonly Infobox[]): Infobox | undefined {
  return infoboxes.find((infobox) => inferInfoboxKind(infobox) === 'military conflict')
}
