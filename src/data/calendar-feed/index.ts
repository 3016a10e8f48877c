// The calendar feed: a secret, revocable iCalendar URL per account (ADR 0034).
export { calendarFeedDocument } from './document';
export {
  calendarFeedOwner,
  getCalendarFeedStatus,
  issueCalendarFeedToken,
  turnOffCalendarFeed,
  type CalendarFeedStatus,
} from './tokens';
