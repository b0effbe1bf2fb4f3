/** A few short articles, written for these tests, in the seed's shape. */
import { article } from './helpers.js'

export const hastings = article({
  title: 'Battle of Hastings',
  shortDescription: 'Norman victory over the English in 1066',
  description: 'A day-long fight on a ridge north of Hastings that ended Anglo-Saxon rule in England.',
  date: '14 October 1066',
  place: 'Senlac Hill, Battle, East Sussex, England',
  placeLinks: ['Battle, East Sussex', 'England'],
  combatant1: 'Duchy of Normandy',
  combatant2: 'Kingdom of England',
  body: 'Duke William crossed the Channel in late September.\n\n## The fight\n\nThe English shield wall held the ridge for most of the day. Feigned retreats drew parts of it down the slope.\n\n## Aftermath\n\nWilliam was crowned at Westminster on Christmas Day.',
})

export const orleans = article({
  title: 'Siege of Orléans',
  shortDescription: 'Turning point of the Hundred Years War',
  description: 'English forces besieged the city on the Loire for seven months before a relief army broke the siege.',
  date: '12 October 1428 – 8 May 1429',
  place: 'Orléans, France',
  placeLinks: ['Orléans', 'France'],
  combatant1: 'Kingdom of France',
  combatant2: 'Kingdom of England',
  body: 'The siege began in the autumn of 1428.\n\n## Relief\n\nA relief army arrived in late April and the bastilles south of the river fell one after another.\n\n## Result\n\nThe English withdrew on 8 May.',
})

export const lepanto = article({
  title: 'Battle of Lepanto',
  shortDescription: 'Naval battle of 1571',
  description: 'Galley fleets of the Holy League defeated the Ottoman fleet in the Gulf of Patras.',
  date: '7 October 1571',
  place: 'Gulf of Patras, Ionian Sea',
  placeLinks: ['Gulf of Patras'],
  combatant1: 'Holy League',
  combatant2: 'Ottoman Empire',
  body: 'More than four hundred galleys met off western Greece.\n\n## Battle\n\nThe galleasses broke up the Ottoman line before the fleets closed.',
})

export const tours = article({
  title: 'Battle of Tours',
  shortDescription: 'Frankish victory of 732',
  description: 'Frankish infantry stopped an Umayyad raiding army between Tours and Poitiers.',
  date: '10 October 732',
  place: 'Between Tours and Poitiers, France',
  placeLinks: ['Tours', 'Poitiers', 'France'],
  combatant1: 'Francia',
  combatant2: 'Umayyad Caliphate',
  body: 'Charles Martel gathered his army on high ground.\n\n## Battle\n\nThe Frankish square held against repeated cavalry charges.',
})

/** Not an article: no front matter. */
export const notAnArticle = 'Just some notes, no front matter here.\n'
