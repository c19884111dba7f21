-- When the donation was collected (issue 12): the label's collection date (structure 006, 23:59 local)
-- or date and time (007), in the site's zone, as epoch ms. The maximum shelf life of a component class
-- (rule implausible-expiry) is counted from it. NULL when the collection barcode was not scanned at
-- receipt, and for every row stored before this migration (the collection date was decoded but not kept).
ALTER TABLE units ADD COLUMN collected BIGINT;
