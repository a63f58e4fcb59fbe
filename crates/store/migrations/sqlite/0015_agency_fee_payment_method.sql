-- how applicants pay a fee notice (缴纳方式): the office sets it once and every fee notice
-- it issues says it (国办函〔2020〕109号: the notice states the basis, standard, amount and method).
alter table agencies add column fee_payment_method text;
