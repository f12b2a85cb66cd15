-- Campaign codes in the funnel (issue 9; sources 000, 001: leads who got a coupon or saw an advert): the
-- queue remembers the code a lead had when it entered, and the booked half of the funnel keeps it too, so
-- the funnel splits by campaign as it does by source.
ALTER TABLE queue_entry ADD COLUMN campaign text;
ALTER TABLE report_lead ADD COLUMN campaign text;
