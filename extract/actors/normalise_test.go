package actors_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/extract/actors"
)

func TestFoldAndKey(t *testing.T) {
	tests := []struct {
		in, fold, key string
	}{
		{"Kata’ib Hizballah", "kataib hizballah", "kataib hizballah"},
		{"Kata'ib Hezbollah", "kataib hezbollah", "kataib hezbollah"},
		{"Kataʿib Ḥizballāh", "kataib hizballah", "kataib hizballah"},
		{"the Kataeb Hezbollah’s", "the kataeb hezbollahs", "kataeb hezbollah"},
		{"Abu Hussein al-Humaidawi", "abu hussein al humaidawi", "abu hussein humaidawi"},
		{"Abu Hussein al Humaidawi", "abu hussein al humaidawi", "abu hussein humaidawi"},
		{"Asa’ib Ahl al-Haq", "asaib ahl al haq", "asaib ahl haq"},
		{"Kataib Sayyid ash-Shuhada", "kataib sayyid ash shuhada", "kataib sayyid shuhada"},
		{"Harakat Hezbollah al-Nujaba", "harakat hezbollah al nujaba", "harakat hezbollah nujaba"},
		{"U.S.", "us", "us"},
		{"Iraq’s Foreign Ministry", "iraqs foreign ministry", "iraq foreign ministry"},
		{"the Revolutionary Guards’ Quds Force", "the revolutionary guards quds force", "revolutionary guards quds force"},
		{"Akram al-Ka`bi", "akram al kabi", "akram kabi"},
		{"Türkiye", "turkiye", "turkiye"},
		{"Élysée", "elysee", "elysee"},
		{"the", "the", "the"},
		{"Al", "al", "al"},
		{"  Hashd   al-Shaabi ", "hashd al shaabi", "hashd shaabi"},
	}
	for _, tt := range tests {
		if got := actors.Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
		if got := actors.Key(tt.in); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.key)
		}
	}
}

func TestSlugAndInitials(t *testing.T) {
	tests := []struct{ name, slug, initials string }{
		{"Abu Mahdi al-Muhandis", "abu-mahdi-al-muhandis", "AMM"},
		{"Iraq’s Oil Ministry", "iraq-oil-ministry", "IOM"},
		{"the Badr Organisation", "badr-organisation", "BO"},
		{"Popular Mobilisation Forces", "popular-mobilisation-forces", "PMF"},
		{"Asaib Ahl al-Haq", "asaib-ahl-al-haq", "AAH"},
		{"Kataib Sayyid al-Shuhada", "kataib-sayyid-al-shuhada", "KSS"},
		{"Islamic State of Iraq and the Levant", "islamic-state-of-iraq-and-the-levant", "ISIL"},
		{"Mohammad Kazem Al-e Sadegh", "mohammad-kazem-al-e-sadegh", "MKES"},
		{"Kata’ib Hizballah", "kataib-hizballah", "KH"},
		{"’’", "", ""},
	}
	for _, tt := range tests {
		if got := actors.Slug(tt.name); got != tt.slug {
			t.Errorf("Slug(%q) = %q, want %q", tt.name, got, tt.slug)
		}
		if got := actors.Initials(tt.name); got != tt.initials {
			t.Errorf("Initials(%q) = %q, want %q", tt.name, got, tt.initials)
		}
	}
}

// TestVariantPairs: spellings of one name are variants; distinct names
// never are, whatever their skeleton.
func TestVariantPairs(t *testing.T) {
	same := [][2]string{
		// The development articles' variants (testdata/articles/README.md).
		{"Kata’ib Hizballah", "Kataib Hezbollah"},
		{"Kataeb Hezbollah", "Kataib Hezbollah"},
		{"Kata'ib Hezbollah", "Kataib Hezbollah"},
		{"Abu Hussein al-Hamidawi", "Abu Hussein al-Humaidawi"},
		{"Asa’ib Ahl al-Haq", "Asaib Ahl al-Haq"},
		{"Qays al-Khazali", "Qais al-Khazali"},
		{"Kata’ib Sayyid al-Shuhada", "Kataib Sayyid al-Shuhada"},
		{"Abu Mahdi al-Mohandes", "Abu Mahdi al-Muhandis"},
		{"Hadi al-Ameri", "Hadi al-Amiri"},
		{"Akram al-Ka’bi", "Akram al-Kaabi"},
		// The brief's and other common ones.
		{"Hamidawi", "Humaidawi"},
		{"Kataeb", "Kataib"},
		{"Hizballah", "Hezbollah"},
		{"Hizbullah", "Hezbollah"},
		{"Qays", "Qais"},
		{"Mohandes", "Muhandis"},
		{"Ka'bi", "Kaabi"},
		{"Qassem Soleimani", "Qasem Soleimani"},
		{"Qassem Soleimani", "Qasim Sulaimani"},
		{"Esmail Qaani", "Ismail Qaani"},
		{"Esmaeil Baghaei", "Esmail Baghaei"},
		{"Muhammad Shia al-Sudani", "Mohammed Shia al-Sudani"},
		{"Faleh al-Fayyadh", "Falih al-Fayyad"},
		{"Jaysh al-Mahdi", "Jaish al-Mahdi"},
		{"al-Qaeda", "al-Qaida"},
		{"Sayyid", "Seyed"},
		{"Hassan", "Hasan"},
		{"Hussein", "Hossein"},
	}
	for _, p := range same {
		score, ok := actors.Variant(p[0], p[1])
		if !ok || score <= 0 || score > 1 {
			t.Errorf("Variant(%q, %q) = %.2f, %v; want a variant", p[0], p[1], score, ok)
		}
		if back, ok2 := actors.Variant(p[1], p[0]); !ok2 || back != score {
			t.Errorf("Variant(%q, %q) is not symmetric: %.2f, %v", p[1], p[0], back, ok2)
		}
	}
	different := [][2]string{
		{"Iran", "Iraq"},
		{"Iranian", "Iraqi"},
		{"Kataib Hezbollah", "Hezbollah"},
		{"Kataib Hezbollah", "Lebanese Hezbollah"},
		{"Kataib Sayyid al-Shuhada", "Liwa Sayyid al-Shuhada"},
		{"Harakat al-Nujaba", "Kataib Hezbollah"},
		{"Harakat Hezbollah al-Nujaba", "Kataib Hezbollah"},
		{"Badr", "Bahrain"},
		{"Badr Organisation", "Bahrain"},
		{"Oman", "Amman"},
		{"Islamic Resistance in Iraq", "Islamic Resistance Movement"},
		{"Ansar Allah", "Ansar Allah al-Awfiya"},
		{"Hassan", "Hussein"},
		{"Hasan", "Husayn"},
		{"Amir", "Ammar"},
		{"Omar", "Amir"},
		{"Ali", "Ala"},
		{"Saad", "Said"},
		{"Saad", "Saud"},
		{"Abu Ali al-Askari", "Abu Alaa al-Askari"},
		{"Hassan Nasrallah", "Hussein Nasrallah"},
		{"Khazali", "Kazali"},
		{"Saraya al-Salam", "Saraya al-Islam"},
		{"Hamas", "Hammam"},
		{"Israel", "Israeli"},
		{"Ahmad", "Ahmadi"},
		{"Sadr", "Sadri"},
	}
	for _, p := range different {
		if score, ok := actors.Variant(p[0], p[1]); ok {
			t.Errorf("Variant(%q, %q) = %.2f, true; want different names", p[0], p[1], score)
		}
	}
}

// TestSkeletonGroupsSpellings checks the key the variant index is built
// on: spellings share it, and Iran and Iraq do not.
func TestSkeletonGroupsSpellings(t *testing.T) {
	groups := [][]string{
		{"Kataib Hezbollah", "Kata’ib Hizballah", "Kataeb Hezbollah", "Kata'ib Hizbollah", "Kataib Hizbullah"},
		{"Abu Hussein al-Humaidawi", "Abu Hussein al-Hamidawi", "Abou Hossein al-Hamidawi"},
		{"Asaib Ahl al-Haq", "Asa’ib Ahl al-Haq", "Asaeb Ahl al-Haq"},
	}
	for _, g := range groups {
		want := actors.Skeleton(g[0])
		for _, s := range g[1:] {
			if got := actors.Skeleton(s); got != want {
				t.Errorf("Skeleton(%q) = %q, want %q as for %q", s, got, want, g[0])
			}
		}
	}
	if actors.Skeleton("Iran") == actors.Skeleton("Iraq") {
		t.Errorf("Iran and Iraq share the skeleton %q", actors.Skeleton("Iran"))
	}
}
