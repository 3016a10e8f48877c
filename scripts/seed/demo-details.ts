// Who the demo account is and what it holds: what README documents and what the screenshot
// script signs in with. No database here, so scripts outside the server's module conditions can import it.
export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'pawprint-demo';
/** The demo account's zone unless the seed is told another: its "today" and its dose times. */
export const DEMO_TIME_ZONE = 'Europe/London';

export const DEMO_PETS = [
  ['Bella', 'Dog', '2019-04-12', 'female'],
  ['Milo', 'Cat', '2021-08-30', 'male'],
  ['Luna', 'Cat', '2020-02-14', 'female'],
  ['Charlie', 'Dog', '2016-11-03', 'male'],
  ['Kiwi', 'Bird', '2023-05-21', 'other'],
  ['Nibbles', 'Hamster', '2025-01-09', 'prefer-not-to-say'],
  ['Shadow', 'Cat', '2014-06-18', 'male'],
  ['Pepper', 'Rabbit', '2022-03-02', 'female'],
  ['Bubbles', 'Fish', '2024-07-07', 'other'],
  ['Rocky', 'Dog', '2018-09-25', 'male'],
  ['Daisy', 'Guinea pig', '2023-12-01', 'female'],
  ['Sunny', 'Bird', '2021-10-10', 'male'],
] as const;
