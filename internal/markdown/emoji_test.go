package markdown

import "testing"

// TestEmojiShortcodes: GitHub's names become their emoji; colons that
// are not a name standing apart stay as written.
func TestEmojiShortcodes(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"names", "Ship it :+1: :tada: :rocket:!\n",
			"para\n  text \"Ship it 👍 🎉 🚀!\"\n", nil},
		{"a sequence", ":raising_hand_man: :gb: :copyright:\n",
			"para\n  text \"🙋\\u200d♂️ 🇬🇧 ©️\"\n", nil},
		{"in a heading and emphasis", "# Done :white_check_mark:\n\n*great :smile:*\n",
			"heading 1 #done-\n  text \"Done ✅\"\npara\n  emph\n    text \"great 😄\"\n", nil},
		{"Twemoji's forms of names", ":man_raising_hand: :woman_technologist: :flag_gb: :flag-fr:\n",
			"para\n  text \"🙋\\u200d♂️ 👩\\u200d💻 🇬🇧 🇫🇷\"\n", nil},
		{"not names", ":notanemoji: :Smile: : smile: :smile :: :+: x\n",
			"para\n  text \":notanemoji: :Smile: : smile: :smile :: :+: x\"\n", nil},
		{"not apart from words or colons", "word:smile: :smile:word a::x::b 12:100:00 :x::o:\n",
			"para\n  text \"word:smile: :smile:word a::x::b 12:100:00 :x::o:\"\n", nil},
		{"code keeps it", "`:smile:`\n\n    :smile:\n",
			"para\n  code \":smile:\"\ncode lang=\"\"\n  | :smile:\n", nil},
		{"after punctuation", "(:smile:) \":+1:\"\n",
			"para\n  text \"(😄) \\\"👍\\\"\"\n", nil},
	})
}
